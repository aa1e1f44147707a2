-- What comes of a case: a start-up case closed as 創業 (the plan's KPI 「Bi@Sta 利用者の創業件数」),
-- a succession case's stage (気づき → 準備 → 後継者決定 → 承継完了, or 廃業) and its referral to
-- 東京都多摩地域事業承継・引継ぎ支援センター; and the uses of the three loan programmes of 1-3.
alter table consultation_cases
  add column started_on date,
  add column business_name text not null default '',
  add column succession_stage text
    check (succession_stage in ('awareness', 'preparation', 'successor-decided', 'completed', 'closed-down')),
  add column referred_on date;

-- the history of a case's outcome, stage and referral, in the order they were recorded
create table consultation_milestones (
  id serial primary key,
  case_id integer not null references consultation_cases(id),
  kind text not null check (kind in ('startup', 'stage', 'referral')),
  value text not null default '',
  on_date date not null,
  note text not null default '',
  recorded_by integer references accounts(id),
  recorded_by_name text not null,
  recorded_at timestamptz not null default now()
);
create index consultation_milestones_case_idx on consultation_milestones (case_id, id);

create table loan_uses (
  id serial primary key,
  municipality_code text not null,
  organisation text not null,
  case_id integer not null references consultation_cases(id),
  programme text not null check (programme in ('city-promotion', 'city-micro', 'shokokai-improvement')),
  -- the person or business that borrowed, as the loan names them
  borrower text not null,
  used_on date not null,
  -- yen, an integer: money is never a float
  amount_yen bigint not null check (amount_yen > 0),
  recorded_by integer references accounts(id),
  recorded_at timestamptz not null default now(),
  idempotency_key text not null,
  constraint loan_uses_one_per_form unique (recorded_by, idempotency_key)
);
create index loan_uses_municipality_idx on loan_uses (municipality_code, used_on);
create index loan_uses_case_idx on loan_uses (case_id);

-- 事業承継診断: an owner's online self-check (the plan's 「ニーズの掘り起こし」 for 1-1). Without the
-- owner's consent only what the city counts is kept (area, industry, result); with it, the answers
-- and how to reach them, as a lead for the counsellors of `organisation`, until a case takes it up.
create table succession_self_checks (
  id serial primary key,
  municipality_code text not null,
  area text not null default '',
  industry text not null default '',
  result text not null check (result in ('start-now', 'plan', 'keep-going')),
  consented_at timestamptz,
  answers jsonb,
  name text,
  kana text,
  contact text,
  business_name text,
  organisation text,
  case_id integer references consultation_cases(id),
  idempotency_key text not null unique,
  taken_at timestamptz not null default now(),
  constraint succession_self_checks_consent check (
    consented_at is not null
    or (answers is null and name is null and kana is null and contact is null and business_name is null)
  )
);
create index succession_self_checks_municipality_idx on succession_self_checks (municipality_code, taken_at);

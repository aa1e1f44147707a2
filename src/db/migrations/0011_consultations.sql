-- Consultations (相談) at Bi@Sta and the 商工会: the person consulted (相談者, with or without an
-- account), a case per person and kind (創業・事業承継・経営・特別相談), and each consultation on it.
-- Personal data: every row belongs to the organisation that holds it (decision 016).
create table consultation_clients (
  id serial primary key,
  municipality_code text not null,
  -- the organisation (第5章 code) whose counsellors hold this person's data
  organisation text not null,
  -- the person's Tsunagu account, when they have one
  account_id integer references accounts(id),
  name text not null,
  kana text not null default '',
  -- a phone number or e-mail address, as the person gave it
  contact text not null default '',
  created_by integer references accounts(id),
  created_at timestamptz not null default now()
);
create unique index consultation_clients_account_idx
  on consultation_clients (organisation, account_id) where account_id is not null;
create index consultation_clients_municipality_idx on consultation_clients (municipality_code, organisation);

create table consultation_cases (
  id serial primary key,
  municipality_code text not null,
  organisation text not null,
  client_id integer not null references consultation_clients(id),
  kind text not null check (kind in ('startup', 'succession', 'management', 'special')),
  opened_on date not null,
  created_at timestamptz not null default now(),
  -- one case per person and kind: every consultation of that kind is on its timeline
  constraint consultation_cases_one_per_kind unique (client_id, kind)
);
create index consultation_cases_municipality_idx on consultation_cases (municipality_code, organisation, kind);

create table consultations (
  id serial primary key,
  case_id integer not null references consultation_cases(id),
  -- the day it was held, Japan time: its fiscal year is the one it counts in
  held_on date not null,
  counsellor_account_id integer references accounts(id),
  counsellor_name text not null,
  discussed text not null,
  next_step text not null default '',
  follow_up_on date,
  recorded_by integer references accounts(id),
  recorded_at timestamptz not null default now(),
  idempotency_key text not null,
  constraint consultations_follow_up_after check (follow_up_on is null or follow_up_on >= held_on),
  constraint consultations_one_per_form unique (recorded_by, idempotency_key)
);
create index consultations_case_idx on consultations (case_id, held_on);
create index consultations_follow_up_idx on consultations (counsellor_account_id, follow_up_on);

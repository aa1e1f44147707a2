create table accounts (
  id serial primary key,
  municipality_code text not null,
  email text not null unique,
  display_name text not null,
  role text not null,
  organisation text,
  password_hash text not null,
  created_at timestamptz not null default now()
);

create table sessions (
  token_hash text primary key,
  account_id integer not null references accounts(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

create table login_attempts (
  id bigserial primary key,
  email text not null,
  client_address text not null,
  succeeded integer not null,
  attempted_at timestamptz not null default now()
);
create index login_attempts_email_idx on login_attempts (email, attempted_at);

create table audit_log (
  id bigserial primary key,
  municipality_code text not null,
  actor_account_id integer,
  actor_name text not null,
  action text not null,
  entity_type text not null,
  entity_key text not null,
  before jsonb,
  after jsonb,
  at timestamptz not null default now()
);
create index audit_log_entity_idx on audit_log (municipality_code, entity_type, entity_key, at);

create table manual_actuals (
  id serial primary key,
  municipality_code text not null,
  plan_id text not null,
  subject_kind text not null check (subject_kind in ('project', 'kpi')),
  subject_code text not null,
  fiscal_year integer not null,
  value numeric(14, 2) not null check (value >= 0),
  as_of date not null,
  source text not null,
  note text not null default '',
  entered_by integer references accounts(id),
  entered_by_name text not null,
  entered_at timestamptz not null default now(),
  constraint manual_actuals_one_per_day
    unique (municipality_code, plan_id, subject_kind, subject_code, fiscal_year, as_of)
);

create table pdca_reviews (
  id serial primary key,
  municipality_code text not null,
  plan_id text not null,
  project_code text not null,
  fiscal_year integer not null,
  grade text,
  department_comment text not null default '',
  committee_comment text not null default '',
  version integer not null default 1,
  updated_by integer references accounts(id),
  updated_by_name text not null,
  updated_at timestamptz not null default now(),
  constraint pdca_reviews_one_per_year unique (municipality_code, plan_id, project_code, fiscal_year)
);

create table improvement_actions (
  id serial primary key,
  municipality_code text not null,
  plan_id text not null,
  project_code text not null,
  fiscal_year integer not null,
  description text not null,
  owner_organisation text not null,
  due_date date,
  status text not null check (status in ('planned', 'in-progress', 'done')),
  idempotency_key text not null unique,
  version integer not null default 1,
  created_by integer references accounts(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index improvement_actions_project_idx on improvement_actions (municipality_code, plan_id, project_code, fiscal_year);

-- まちゼミ campaigns: a campaign of many small courses (講座) that shops propose and staff approve;
-- an approved course becomes an ordinary published event. Vendor applications (出店申込) for an
-- event such as a マルシェ: staff open a call with a number of booths, vendors apply, staff accept.
create table event_campaigns (
  id serial primary key,
  municipality_code text not null,
  category text not null,
  title text not null,
  description text not null default '',
  organiser text not null,
  starts_on date not null,
  ends_on date not null,
  -- the last day (Japan time) on which shops may propose a course
  proposals_close_on date not null,
  created_by integer references accounts(id),
  created_at timestamptz not null default now(),
  constraint event_campaigns_period check (ends_on >= starts_on),
  constraint event_campaigns_deadline check (proposals_close_on <= ends_on)
);
create index event_campaigns_municipality_idx on event_campaigns (municipality_code, starts_on);

create table campaign_courses (
  id serial primary key,
  campaign_id integer not null references event_campaigns(id),
  -- the business account that proposed the course; only it and the staff see the proposal
  account_id integer not null references accounts(id),
  shop_name text not null,
  title text not null,
  description text not null default '',
  teacher text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  place text not null,
  capacity integer not null check (capacity >= 1),
  fee_yen integer not null default 0 check (fee_yen >= 0),
  bring text not null default '',
  status text not null default 'proposed'
    check (status in ('proposed', 'returned', 'approved', 'declined', 'withdrawn')),
  staff_comment text not null default '',
  -- the published event an approved course became; one event per course
  event_id integer unique references events(id),
  idempotency_key text not null,
  proposed_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  decided_at timestamptz,
  decided_by integer references accounts(id),
  constraint campaign_courses_ends_after_start check (ends_at > starts_at),
  constraint campaign_courses_one_per_form unique (account_id, idempotency_key)
);
create index campaign_courses_campaign_idx on campaign_courses (campaign_id, status, starts_at);
create index campaign_courses_account_idx on campaign_courses (account_id);

create table vendor_calls (
  id serial primary key,
  municipality_code text not null,
  event_id integer not null unique references events(id),
  booths integer not null check (booths >= 1),
  -- the last day (Japan time) on which vendors may apply
  applications_close_on date not null,
  conditions text not null default '',
  booth_fee_yen integer not null default 0 check (booth_fee_yen >= 0),
  created_by integer references accounts(id),
  created_at timestamptz not null default now()
);

create table vendor_applications (
  id serial primary key,
  call_id integer not null references vendor_calls(id),
  -- a business that applied with its account; null for a guest (many farmers have no account)
  account_id integer references accounts(id),
  business_name text not null,
  contact_name text not null,
  contact_kana text not null,
  phone text not null,
  email text not null,
  goods jsonb not null default '[]',
  goods_note text not null default '',
  needs_power boolean not null default false,
  needs_tent boolean not null default false,
  booths integer not null check (booths between 1 and 2),
  food_permit text not null default '',
  message text not null default '',
  status text not null default 'applied' check (status in ('applied', 'accepted', 'declined')),
  staff_message text not null default '',
  -- the secret of the link with which a guest sees the status of the application
  status_token text not null unique,
  idempotency_key text not null,
  applied_at timestamptz not null default now(),
  decided_at timestamptz,
  decided_by integer references accounts(id),
  constraint vendor_applications_one_per_form unique (call_id, idempotency_key)
);
create index vendor_applications_call_idx on vendor_applications (call_id, status);
create index vendor_applications_account_idx on vendor_applications (account_id);

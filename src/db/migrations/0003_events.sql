-- Events (seminars, meet-ups, marche days) and the registrations for them. A registration is
-- confirmed while seats remain, otherwise it waits in line; attendance is what the plan counts.
create table events (
  id serial primary key,
  municipality_code text not null,
  category text not null,
  title text not null,
  description text not null default '',
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  place text not null,
  capacity integer not null check (capacity >= 1),
  fee_yen integer not null default 0 check (fee_yen >= 0),
  organiser text not null,
  status text not null default 'draft' check (status in ('draft', 'published', 'cancelled')),
  created_by integer references accounts(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint events_ends_after_start check (ends_at > starts_at)
);
create index events_upcoming_idx on events (municipality_code, status, starts_at);
create index events_category_idx on events (municipality_code, category, starts_at);

create table event_registrations (
  id serial primary key,
  event_id integer not null references events(id),
  name text not null,
  kana text not null,
  email text not null,
  phone text,
  account_id integer references accounts(id),
  status text not null check (status in ('confirmed', 'waiting', 'cancelled')),
  -- order on the waiting list: the lowest waiting position is promoted first
  waiting_position integer,
  cancel_token text not null unique,
  idempotency_key text not null,
  attended_at timestamptz,
  registered_at timestamptz not null default now(),
  cancelled_at timestamptz,
  constraint event_registrations_one_per_form unique (event_id, idempotency_key)
);
-- one live registration per e-mail address and event; after cancelling, the person may register again
create unique index event_registrations_one_per_email
  on event_registrations (event_id, email) where status <> 'cancelled';
create index event_registrations_event_idx on event_registrations (event_id, status, waiting_position);

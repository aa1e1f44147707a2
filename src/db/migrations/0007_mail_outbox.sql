-- The mail outbox: a mail is a row written in the transaction of the change it tells about, so it
-- is never lost and never sent for a change that was rolled back. A dispatcher claims due rows with
-- `for update skip locked`, sends them outside any transaction and records the outcome; see
-- docs/decisions/012-mail-outbox.md.
create table mail_outbox (
  id bigserial primary key,
  municipality_code text not null,
  -- the template that renders the mail at send time, e.g. 'event.confirmation'
  template text not null,
  -- what the template needs, as it was when the change was made
  params jsonb not null default '{}'::jsonb,
  to_address text not null,
  -- one mail per key at most: a job that runs twice, or in two processes, enqueues once
  dedupe_key text unique,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  -- a claimed row ('sending') whose dispatcher died is claimable again after this
  locked_until timestamptz,
  last_error text,
  message_id text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status in ('pending', 'sending');
create index mail_outbox_status_idx on mail_outbox (municipality_code, status, id desc);

-- A message from an event's staff to its participants; each recipient's mail is in the outbox.
create table event_messages (
  id serial primary key,
  event_id integer not null references events(id),
  audience text not null check (audience in ('confirmed', 'waiting', 'attended')),
  subject text not null,
  body text not null,
  recipients integer not null,
  idempotency_key text not null,
  sent_by integer references accounts(id),
  created_at timestamptz not null default now(),
  constraint event_messages_one_per_form unique (event_id, idempotency_key)
);

-- "My registrations": an account's registrations, newest event first.
create index event_registrations_account_idx on event_registrations (account_id) where account_id is not null;

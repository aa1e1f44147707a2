-- The succession needs map (事業承継ニーズマップ, issue 9, decision 034): owners aged 60 or over
-- without a decided successor, counted by area and industry, from two answers given with consent,
-- and the outreach (セミナー・個別訪問) the 商工会 and the city do against each area.

-- A business's own answers, private like the owner's age band (0014): the successor's status, and
-- when the business agreed that the age band and this status are counted (no consent: never counted).
alter table businesses
  add column successor_status text not null default ''
    check (successor_status in ('', 'decided', 'candidate', 'none', 'close-down')),
  add column succession_consent_at timestamptz;

-- A self-check's age and successor answers are kept only when the owner agreed that they are
-- counted; the business id only when a business account took it, so that its profile (when it is
-- counted itself) is not counted twice. No foreign key: consultations reaches businesses through
-- the businesses module only (as 0020).
alter table succession_self_checks
  add column needs_consented_at timestamptz,
  add column owner_age text,
  add column successor text,
  add column business_id integer;

create table succession_outreach (
  id serial primary key,
  municipality_code text not null,
  -- one of the plan file's areas, or 'citywide' for one held for the whole city
  area text not null,
  kind text not null check (kind in ('seminar', 'visit', 'consultation-day', 'mailing')),
  held_on date not null,
  -- people (owners) reached
  reached integer not null check (reached >= 0),
  note text not null default '',
  -- the organisation of the account that recorded it (shokokai, bista, city)
  organisation text not null,
  recorded_by integer references accounts(id),
  recorded_at timestamptz not null default now(),
  idempotency_key text not null,
  constraint succession_outreach_once unique (municipality_code, idempotency_key)
);
create index succession_outreach_area_idx on succession_outreach (municipality_code, area, held_on);

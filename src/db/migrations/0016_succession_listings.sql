-- 事業承継マッチング (decision 022): a counsellor publishes an anonymous listing from a succession
-- case with the owner's consent; registered successor candidates express interest; the owner's
-- identity is disclosed to a candidate only once the owner approved them and they accepted the
-- confidentiality pledge (秘密保持の誓約).
create table succession_listings (
  id serial primary key,
  municipality_code text not null,
  organisation text not null,
  -- one listing per case: publishing again reopens it
  case_id integer not null unique references consultation_cases(id),
  industry text not null,
  area text not null,
  employees_band text not null check (employees_band in ('1-4', '5-19', '20-plus')),
  sales_band text not null check (sales_band in ('under-10m', '10m-50m', '50m-100m', '100m-plus')),
  reason text not null,
  hopes text not null,
  -- the owner's consent to publish: the day, and the counsellor who recorded it
  consent_on date not null,
  consent_counsellor_name text not null,
  consent_recorded_by integer references accounts(id),
  -- shown to a candidate only after disclosure, with the case person's name
  owner_business_name text not null default '',
  status text not null check (status in ('published', 'withdrawn')),
  published_by integer references accounts(id),
  published_at timestamptz not null default now(),
  withdrawn_by integer references accounts(id),
  withdrawn_at timestamptz
);
create index succession_listings_municipality_idx on succession_listings (municipality_code, status);

create table succession_candidates (
  id serial primary key,
  municipality_code text not null,
  account_id integer not null unique references accounts(id),
  profile text not null,
  registered_at timestamptz not null default now()
);

create table succession_interests (
  id serial primary key,
  listing_id integer not null references succession_listings(id),
  candidate_id integer not null references succession_candidates(id),
  message text not null,
  expressed_at timestamptz not null default now(),
  -- the owner's approval of this candidate, as a counsellor of the holding organisation recorded it
  owner_approved_at timestamptz,
  owner_approved_by integer references accounts(id),
  owner_approved_by_name text,
  -- the candidate's 秘密保持の誓約
  pledge_accepted_at timestamptz,
  pledge_accepted_by integer references accounts(id),
  constraint succession_interests_one_per_candidate unique (listing_id, candidate_id)
);

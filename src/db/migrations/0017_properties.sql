-- Vacant shops and properties (空き物件情報, 1-2 創業支援): listings posted by 商店会, 活性化委員会,
-- 不動産事業者 and staff, approved by staff before they are public; inquiries from people starting a
-- business, sent through Tsunagu; the lifecycle 募集中 → 商談中 → 成約 / 取下げ; listings nobody
-- confirms are hidden (decision 023).
create table properties (
  id serial primary key,
  municipality_code text not null,
  -- the account that posted it and keeps it; its organisation (第5章 code) when it has one
  poster_account_id integer not null references accounts(id),
  poster_organisation text,
  approval text not null default 'pending' check (approval in ('pending', 'approved')),
  -- 募集中, 商談中, 成約, 取下げ
  stage text not null default 'open' check (stage in ('open', 'negotiating', 'contracted', 'withdrawn')),
  -- 空き店舗, 空き家, 事務所, 工場・倉庫, 土地
  kind text not null check (kind in ('shop', 'house', 'office', 'factory', 'land')),
  title text not null,
  address text not null,
  -- one of the plan file's areas
  area text,
  latitude double precision not null,
  longitude double precision not null,
  floor_area_m2 double precision not null check (floor_area_m2 > 0),
  -- 賃貸 (monthly rent) or 売買 (price), integer yen
  deal text not null check (deal in ('rent', 'sale')),
  price_yen bigint not null check (price_yen >= 0),
  -- allowed or wished uses as tags: 飲食可, 住居併用, 物販向き…
  uses text[] not null default '{}',
  condition text not null default '',
  description text not null default '',
  available_from date,
  -- how an inquiry is answered, as the public reads it (who arranges a viewing)
  contact_route text not null default '',
  -- private: the owner's name and contact, read by the poster and staff only, never public
  owner_name text not null default '',
  owner_contact text not null default '',
  -- the last time the poster said it is still as listed (created, changed, confirmed)
  confirmed_at timestamptz not null default now(),
  -- when the poster was asked to confirm, after 60 days untouched; cleared by the answer
  confirmation_asked_at timestamptz,
  -- hidden from the public for 14 days without an answer; cleared when the poster confirms
  hidden_at timestamptz,
  -- 成約: the day, the business that moved in (businesses module, when known), whether it opened as a start-up
  contracted_on date,
  moved_in_business_id integer,
  startup boolean not null default false,
  idempotency_key text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  approved_at timestamptz,
  approved_by integer references accounts(id),
  unique (poster_account_id, idempotency_key)
);
create index properties_listing_idx on properties (municipality_code, approval, stage, kind, area);
create index properties_uses_idx on properties using gin (uses);
create index properties_stale_idx on properties (confirmed_at) where hidden_at is null;

-- Photos of a listing, as src/platform/images.ts keeps them: JPEG without metadata.
create table property_photos (
  id serial primary key,
  property_id integer not null references properties(id) on delete cascade,
  content_type text not null,
  data bytea not null,
  width integer not null,
  height integer not null,
  caption text not null default '',
  created_at timestamptz not null default now()
);
create index property_photos_property_idx on property_photos (property_id, id);

-- An inquiry of a person starting a business about a listing: read by the poster, and by the
-- counsellors of the applicant's start-up case when the applicant consents.
create table property_inquiries (
  id serial primary key,
  municipality_code text not null,
  property_id integer not null references properties(id),
  applicant_account_id integer not null references accounts(id),
  business_plan text not null,
  starting_when text not null,
  budget_yen bigint check (budget_yen >= 0),
  message text not null default '',
  share_with_counsellor boolean not null default false,
  -- the applicant's start-up case (consultations module) and the organisation holding it, when shared
  consultation_case_id integer,
  counsellor_organisation text,
  idempotency_key text not null,
  created_at timestamptz not null default now(),
  unique (applicant_account_id, idempotency_key)
);
create index property_inquiries_property_idx on property_inquiries (property_id, id);
create index property_inquiries_counsellor_idx on property_inquiries (municipality_code, counsellor_organisation)
  where share_with_counsellor;

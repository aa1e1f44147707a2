-- What the public reads about an event besides its date, place and fee: the reading and English
-- name of its title, the area of the municipality, address and map position, access and parking,
-- a contact, fee details, a registration deadline and notes. All optional: an event without them
-- is still an event. The columns follow the 自治体標準オープンデータセット「イベント一覧」.
alter table events
  add column title_kana text not null default '',
  add column title_en text not null default '',
  -- an area code of the municipality's plan file (`areas`)
  add column area text,
  add column address text not null default '',
  add column latitude double precision,
  add column longitude double precision,
  add column access text not null default '',
  add column parking text not null default '',
  add column contact_name text not null default '',
  add column contact_phone text not null default '',
  add column fee_details text not null default '',
  -- registrations are taken until this instant; none means until the event starts
  add column registration_closes_at timestamptz,
  add column notes text not null default '',
  add constraint events_position_complete check ((latitude is null) = (longitude is null)),
  add constraint events_position_on_earth
    check (latitude between -90 and 90 and longitude between -180 and 180),
  add constraint events_registration_closes_by_start check (registration_closes_at <= starts_at);

-- the public list filters by area and month
create index events_area_idx on events (municipality_code, area, starts_at);

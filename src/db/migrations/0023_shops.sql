-- Shops on the residents' map (issue 8, decision 029): a business of the directory that serves
-- residents, with its category, opening hours and holiday rule; and the editions of the paper map
-- (地域マップ, plan 3-2) with their shops, numbers, short texts and print runs (発行部数).
create table shop_profiles (
  business_id integer primary key references businesses(id) on delete cascade,
  municipality_code text not null,
  -- 飲食, 小売, サービス
  category text not null check (category in ('food', 'retail', 'service')),
  -- {"week": [[{"opens": 660, "closes": 840}], …seven days, Sunday first], "holiday": [...]}:
  -- minutes from the opening day's midnight, closes up to 24 hours later (past midnight)
  hours jsonb not null,
  holiday_rule text not null default 'usual' check (holiday_rule in ('usual', 'closed', 'hours', 'open-shift')),
  hours_note text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index shop_profiles_listing_idx on shop_profiles (municipality_code, category);

create table shop_map_editions (
  id serial primary key,
  municipality_code text not null,
  title text not null,
  fiscal_year integer not null,
  -- an area of the plan file; null: the whole municipality
  area text,
  paper text not null default 'A4' check (paper in ('A4', 'A3')),
  introduction text not null default '',
  -- 発行部数 and 発行日, recorded once it is printed
  print_run integer check (print_run > 0),
  issued_on date,
  created_by integer references accounts(id),
  idempotency_key text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint shop_map_editions_one_per_form unique (municipality_code, idempotency_key),
  check ((print_run is null) = (issued_on is null))
);
create index shop_map_editions_issued_idx on shop_map_editions (municipality_code, issued_on);

create table shop_map_entries (
  edition_id integer not null references shop_map_editions(id) on delete cascade,
  business_id integer not null references businesses(id),
  number integer not null check (number > 0),
  blurb text not null default '',
  primary key (edition_id, business_id),
  unique (edition_id, number)
);

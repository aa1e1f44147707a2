-- Memberships of 商店会 and the 商工会 (plan 2-1, 第5章; KPIs 商店会の会員数 and 商工会の加入率):
-- each body keeps its member list, fees paid per fiscal year and join requests sent online; the
-- 加入率's denominator (businesses in the city) is a figure staff enter with its source and date
-- (decision 032).
create table member_bodies (
  id serial primary key,
  municipality_code text not null,
  -- 'shotenkai' (a 商店会; many) or 'shokokai' (the 商工会; one): the plan's organisation codes
  kind text not null check (kind in ('shotenkai', 'shokokai')),
  name text not null,
  -- one of the plan file's areas, for a 商店会
  area text,
  -- the association account that keeps a 商店会's list; the 商工会's is kept by its staff
  keeper_account_id integer references accounts(id),
  accepts_requests boolean not null default true,
  created_at timestamptz not null default now(),
  constraint member_bodies_name_once unique (municipality_code, name)
);

create table members (
  id serial primary key,
  body_id integer not null references member_bodies(id),
  -- the business of the directory, when the member is in it
  business_id integer references businesses(id),
  name text not null,
  -- private to the body's keepers
  representative text not null default '',
  phone text not null default '',
  joined_on date not null,
  left_on date,
  note text not null default '',
  created_at timestamptz not null default now(),
  constraint members_left_after_joining check (left_on is null or left_on >= joined_on)
);
-- a business is a current member of a body once
create unique index members_current_business on members (body_id, business_id)
  where business_id is not null and left_on is null;
create index members_body_idx on members (body_id, joined_on);

-- 会費: paid once per member and fiscal year
create table member_fees (
  member_id integer not null references members(id) on delete cascade,
  fiscal_year integer not null,
  amount_yen integer not null check (amount_yen >= 0),
  paid_on date not null,
  primary key (member_id, fiscal_year)
);

create table join_requests (
  id serial primary key,
  body_id integer not null references member_bodies(id),
  business_id integer not null references businesses(id),
  account_id integer not null references accounts(id),
  representative text not null,
  phone text not null default '',
  message text not null default '',
  status text not null default 'pending' check (status in ('pending', 'accepted', 'declined', 'withdrawn')),
  reason text not null default '',
  member_id integer references members(id),
  decided_by integer references accounts(id),
  decided_at timestamptz,
  created_at timestamptz not null default now()
);
-- one open request per business and body: a request sent twice is kept once
create unique index join_requests_one_open on join_requests (body_id, business_id) where status = 'pending';

-- the denominator of a membership rate: businesses in the city, from a survey (経済センサス) as of a date
create table membership_denominators (
  id serial primary key,
  municipality_code text not null,
  kind text not null check (kind in ('shotenkai', 'shokokai')),
  value integer not null check (value > 0),
  as_of date not null,
  source text not null,
  entered_by integer references accounts(id),
  entered_at timestamptz not null default now(),
  constraint membership_denominators_once unique (municipality_code, kind, as_of)
);

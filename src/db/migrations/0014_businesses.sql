-- Businesses (事業者) of the directory (3-1 事業者のマッチング機会の創出): a profile per business,
-- owned by a business account (or not yet claimed), public once staff approve it (decision 019).
create table businesses (
  id serial primary key,
  municipality_code text not null,
  -- the business account that keeps the profile; null until one claims it
  account_id integer references accounts(id),
  -- a business account that asked to keep this profile, until staff approve the claim
  claim_account_id integer references accounts(id),
  status text not null default 'pending' check (status in ('pending', 'approved')),
  name text not null,
  kana text not null,
  legal_form text not null check (legal_form in ('corporation', 'sole')),
  -- 法人番号 (13 digits, check digit validated); none for a sole proprietor
  corporate_number text,
  -- 日本標準産業分類: 大分類 (A–T) and 中分類 (two digits)
  industry_major text not null,
  industry_middle text,
  address text not null,
  -- one of the plan file's areas
  area text,
  latitude double precision,
  longitude double precision,
  employees integer check (employees >= 0),
  founded_year integer,
  tags text[] not null default '{}',
  capabilities text not null default '',
  products text not null default '',
  description text not null default '',
  website text not null default '',
  sns text[] not null default '{}',
  -- plan organisations (商工会, 商店会) the business belongs to, by code
  memberships text[] not null default '{}',
  -- private: only the business itself reads these
  contact_name text not null default '',
  contact_phone text not null default '',
  owner_age_band text not null default '',
  -- the folded text the directory searches, and its character pairs (decision 019)
  search_name text not null default '',
  search_text text not null default '',
  search_grams text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  approved_at timestamptz,
  approved_by integer references accounts(id),
  check ((latitude is null) = (longitude is null))
);
create unique index businesses_account_idx on businesses (account_id) where account_id is not null;
create unique index businesses_corporate_number_idx
  on businesses (municipality_code, corporate_number) where corporate_number is not null;
create index businesses_listing_idx on businesses (municipality_code, status, industry_major, area);
create index businesses_search_grams_idx on businesses using gin (search_grams);
create index businesses_tags_idx on businesses using gin (tags);

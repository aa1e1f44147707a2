-- Students' articles about shops and 産学連携 (3-2 産学官連携の推進, decision 030): a student of a
-- university of the plan writes an article about a business of the directory; the shop approves the
-- facts, the university's staff and then the city approve publishing. Each change is a revision, so
-- the published one stays public while an edit is reviewed. Staff record each collaboration.
create table community_articles (
  id serial primary key,
  municipality_code text not null,
  business_id integer not null references businesses(id),
  author_account_id integer not null references accounts(id),
  -- the university (an organisation code of the plan) whose staff approve it
  university text not null,
  -- the revision the public reads; null until the first is approved by everyone
  published_revision_id integer,
  first_published_at timestamptz,
  idempotency_key text not null,
  created_at timestamptz not null default now(),
  unique (author_account_id, idempotency_key)
);
create index community_articles_business_idx on community_articles (business_id);
create index community_articles_municipality_idx on community_articles (municipality_code, first_published_at);

create table community_article_revisions (
  id serial primary key,
  article_id integer not null references community_articles(id) on delete cascade,
  number integer not null,
  title text not null,
  body text not null,
  -- the short version printed on the paper map
  summary text not null,
  interview_date date not null,
  -- the article's photos this revision shows, in order
  photo_ids integer[] not null default '{}',
  -- draft → awaiting_facts (the shop) → awaiting_university → awaiting_city → published → superseded;
  -- refused at any step, with the reason the student reads
  status text not null default 'draft' check (status in
    ('draft', 'awaiting_facts', 'awaiting_university', 'awaiting_city', 'refused', 'published', 'superseded')),
  submitted_at timestamptz,
  facts_approved_at timestamptz,
  facts_approved_by integer references accounts(id),
  university_approved_at timestamptz,
  university_approved_by integer references accounts(id),
  city_approved_at timestamptz,
  city_approved_by integer references accounts(id),
  refused_at timestamptz,
  refused_by integer references accounts(id),
  refused_step text check (refused_step in ('facts', 'university', 'city')),
  refusal_reason text,
  published_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (article_id, number)
);
create index community_article_revisions_status_idx on community_article_revisions (status, article_id);

alter table community_articles
  add constraint community_articles_published_revision_fk
  foreign key (published_revision_id) references community_article_revisions(id);

-- a photo as src/platform/images.ts keeps it (a fresh JPEG without metadata)
create table community_article_photos (
  id serial primary key,
  article_id integer not null references community_articles(id) on delete cascade,
  content_type text not null,
  data bytea not null,
  width integer not null,
  height integer not null,
  caption text not null default '',
  created_at timestamptz not null default now()
);
create index community_article_photos_article_idx on community_article_photos (article_id, id);

-- 産学連携: one row per effort, each counting 1 支援件数 in its fiscal year
create table community_collaborations (
  id serial primary key,
  municipality_code text not null,
  -- 商品開発, 事業化, 情報発信
  kind text not null check (kind in ('product', 'commercialisation', 'publicity')),
  title text not null,
  fiscal_year integer not null check (fiscal_year between 2000 and 2100),
  -- the university of the plan that took part
  university text,
  partner_business_ids integer[] not null default '{}',
  -- partners outside the directory, as typed
  partners_text text not null default '',
  outcome text not null default '',
  recorded_by integer references accounts(id),
  idempotency_key text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality_code, idempotency_key)
);
create index community_collaborations_year_idx on community_collaborations (municipality_code, fiscal_year);

-- 受発注 (3-1): a business's needs (発注したい) and offers (受注したい), the private message threads
-- between two businesses about one of them, and the deals that come of it, recorded by one side and
-- confirmed by the other: the city's measure of local orders (decision 020).
create table business_posts (
  id serial primary key,
  municipality_code text not null,
  business_id integer not null references businesses(id),
  kind text not null check (kind in ('need', 'offer')),
  title text not null,
  body text not null,
  tags text[] not null default '{}',
  -- a 大分類 the poster looks for, if any
  industry_major text,
  quantity text not null default '',
  deadline date,
  budget_min_yen bigint check (budget_min_yen >= 0),
  budget_max_yen bigint check (budget_max_yen >= 0),
  local_only boolean not null default true,
  status text not null default 'open' check (status in ('open', 'closed')),
  idempotency_key text not null,
  created_by integer references accounts(id),
  created_at timestamptz not null default now(),
  closed_at timestamptz,
  constraint business_posts_once unique (business_id, idempotency_key),
  check (budget_min_yen is null or budget_max_yen is null or budget_min_yen <= budget_max_yen)
);
create index business_posts_open_idx on business_posts (municipality_code, status, kind);

-- one thread per post and business that is not the poster; only the two businesses read it
create table business_threads (
  id serial primary key,
  municipality_code text not null,
  post_id integer not null references business_posts(id),
  poster_business_id integer not null references businesses(id),
  other_business_id integer not null references businesses(id),
  created_at timestamptz not null default now(),
  constraint business_threads_one_per_pair unique (post_id, other_business_id),
  check (poster_business_id <> other_business_id)
);
create index business_threads_other_idx on business_threads (other_business_id);
create index business_threads_poster_idx on business_threads (poster_business_id);

create table business_messages (
  id serial primary key,
  thread_id integer not null references business_threads(id),
  author_business_id integer not null references businesses(id),
  author_account_id integer references accounts(id),
  body text not null,
  idempotency_key text not null,
  created_at timestamptz not null default now(),
  constraint business_messages_once unique (thread_id, author_business_id, idempotency_key)
);
create index business_messages_thread_idx on business_messages (thread_id, created_at);

-- a deal between the two businesses of a thread: counted once the other side confirms it
create table business_deals (
  id serial primary key,
  municipality_code text not null,
  thread_id integer not null references business_threads(id),
  recorded_by_business_id integer not null references businesses(id),
  confirming_business_id integer not null references businesses(id),
  -- the business that places the order (発注者) and the one that takes it (受注者)
  buyer_business_id integer not null references businesses(id),
  seller_business_id integer not null references businesses(id),
  deal_on date not null,
  amount_yen bigint check (amount_yen >= 0),
  idempotency_key text not null,
  recorded_by integer references accounts(id),
  created_at timestamptz not null default now(),
  confirmed_at timestamptz,
  confirmed_by integer references accounts(id),
  constraint business_deals_once unique (recorded_by_business_id, idempotency_key)
);
create index business_deals_municipality_idx on business_deals (municipality_code, deal_on);

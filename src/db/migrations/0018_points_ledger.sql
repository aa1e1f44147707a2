-- るのかーど and デジタル商品券 (decision 024): a double-entry ledger in the manner of TigerBeetle.
-- Every movement of value is a transfer between two accounts of the same unit (the programme's
-- points, or the yen of one gift-certificate issue), written once and never changed. An account's
-- balance is cached on its row by a trigger in the same statement, so the cache cannot drift from
-- the journal; residents and shops can never go below zero (a check on the row, under its lock).

-- what the programme sets: 1 point per `yen_per_point` yen spent at a shop
create table points_programmes (
  municipality_code text primary key,
  yen_per_point integer not null default 100 check (yen_per_point between 1 and 100000),
  -- may points pay at a shop (1 point = 1 yen), after gift-certificate value
  points_pay boolean not null default true,
  -- the organisation whose staff run the programme with the city's admins (商工会 in Akiruno)
  issuer_organisation text not null default 'shokokai',
  updated_by integer references accounts(id),
  updated_at timestamptz not null default now()
);

create table ledger_units (
  id serial primary key,
  municipality_code text not null,
  kind text not null check (kind in ('points', 'gift')),
  name text not null,
  created_at timestamptz not null default now()
);
-- one points unit per municipality; each gift-certificate issue is a unit of its own
create unique index ledger_units_one_points on ledger_units (municipality_code) where kind = 'points';

create table ledger_accounts (
  id serial primary key,
  unit_id integer not null references ledger_units(id),
  -- issuer: the source of every unit (its balance is minus what is outstanding);
  -- expired: where value left at expiry goes; resident: an account id; shop: a points_shops id
  holder text not null check (holder in ('issuer', 'expired', 'resident', 'shop')),
  holder_id integer not null default 0,
  balance bigint not null default 0,
  constraint ledger_accounts_no_overdraft check (holder = 'issuer' or balance >= 0),
  constraint ledger_accounts_one_per_holder unique (unit_id, holder, holder_id),
  -- the pair a transfer's foreign keys point at, so that both its accounts are of its unit
  constraint ledger_accounts_of_unit unique (id, unit_id)
);

-- one request (a payment, a purchase, a refund…) moves value in one or more transfers, all or none;
-- its idempotency key makes a retried request return the first result and move nothing twice
create table ledger_requests (
  id bigserial primary key,
  municipality_code text not null,
  idempotency_key text not null,
  kind text not null check (kind in ('purchase', 'payment', 'award', 'refund', 'expiry', 'settlement', 'grant')),
  -- what was asked, so that the same key with another request is refused
  fingerprint text not null,
  amount bigint not null check (amount >= 0),
  shop_id integer,
  resident_account_id integer references accounts(id),
  -- a refund reverses one request, once
  reverses_request_id bigint unique references ledger_requests(id),
  actor_account_id integer references accounts(id),
  created_at timestamptz not null default now(),
  constraint ledger_requests_idempotency unique (municipality_code, idempotency_key)
);
create index ledger_requests_shop_idx on ledger_requests (shop_id, created_at) where shop_id is not null;
create index ledger_requests_resident_idx on ledger_requests (resident_account_id, created_at)
  where resident_account_id is not null;

create table ledger_transfers (
  id bigserial primary key,
  request_id bigint not null references ledger_requests(id),
  unit_id integer not null references ledger_units(id),
  debit_account_id integer not null,
  credit_account_id integer not null,
  amount bigint not null check (amount > 0),
  created_at timestamptz not null default now(),
  constraint ledger_transfers_two_accounts check (debit_account_id <> credit_account_id),
  constraint ledger_transfers_debit_of_unit foreign key (debit_account_id, unit_id)
    references ledger_accounts (id, unit_id),
  constraint ledger_transfers_credit_of_unit foreign key (credit_account_id, unit_id)
    references ledger_accounts (id, unit_id)
);
create index ledger_transfers_request_idx on ledger_transfers (request_id);
create index ledger_transfers_debit_idx on ledger_transfers (debit_account_id);
create index ledger_transfers_credit_idx on ledger_transfers (credit_account_id);

create function ledger_transfer_applied() returns trigger language plpgsql as $$
begin
  update ledger_accounts set balance = balance - new.amount where id = new.debit_account_id;
  update ledger_accounts set balance = balance + new.amount where id = new.credit_account_id;
  return new;
end $$;
create trigger ledger_transfers_apply after insert on ledger_transfers
  for each row execute function ledger_transfer_applied();

create function ledger_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the ledger is append-only: % on % refused', tg_op, tg_table_name
    using errcode = 'P0002';
end $$;
create trigger ledger_transfers_append_only before update or delete on ledger_transfers
  for each row execute function ledger_append_only();
create trigger ledger_requests_append_only before update or delete on ledger_requests
  for each row execute function ledger_append_only();
-- a balance changes only through a transfer (the trigger above); an account starts at zero
create function ledger_balance_from_journal() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    if new.balance <> 0 then
      raise exception 'a ledger account starts at zero' using errcode = 'P0002';
    end if;
    return new;
  end if;
  if new.unit_id <> old.unit_id or new.holder <> old.holder or new.holder_id <> old.holder_id then
    raise exception 'a ledger account keeps its unit and holder' using errcode = 'P0002';
  end if;
  if pg_trigger_depth() < 2 and new.balance <> old.balance then
    raise exception 'a balance changes only by a transfer' using errcode = 'P0002';
  end if;
  return new;
end $$;
create trigger ledger_accounts_balance_from_journal before insert or update on ledger_accounts
  for each row execute function ledger_balance_from_journal();
create trigger ledger_accounts_never_deleted before delete on ledger_accounts
  for each row execute function ledger_append_only();

-- 取扱店舗: a business of the directory that joined the programme, approved by staff
create table points_shops (
  id serial primary key,
  municipality_code text not null,
  business_id integer not null unique references businesses(id),
  business_name text not null,
  area text,
  status text not null check (status in ('applied', 'approved', 'withdrawn')),
  -- the code of the shop's own QR (the resident scans it and enters the amount)
  shop_code text not null unique,
  applied_by integer references accounts(id),
  applied_at timestamptz not null default now(),
  approved_by integer references accounts(id),
  approved_at timestamptz,
  withdrawn_at timestamptz
);
create index points_shops_municipality_idx on points_shops (municipality_code, status);

-- デジタル商品券: one issue, its own unit of yen
create table gift_certificate_issues (
  id serial primary key,
  municipality_code text not null,
  unit_id integer not null unique references ledger_units(id),
  name text not null,
  price_yen integer not null check (price_yen > 0),
  face_value_yen integer not null check (face_value_yen >= price_yen),
  sales_from date not null,
  sales_until date not null check (sales_until >= sales_from),
  -- the last day it can be spent; what is left afterwards expires
  valid_until date not null check (valid_until >= sales_until),
  per_person_limit integer not null check (per_person_limit > 0),
  total_sets integer not null check (total_sets > 0),
  sold_sets integer not null default 0 check (sold_sets >= 0 and sold_sets <= total_sets),
  expired_at timestamptz,
  created_by integer references accounts(id),
  created_at timestamptz not null default now()
);

create table gift_certificate_purchases (
  id serial primary key,
  issue_id integer not null references gift_certificate_issues(id),
  resident_account_id integer not null references accounts(id),
  sets integer not null check (sets > 0),
  paid_yen integer not null check (paid_yen > 0),
  payment_method text not null check (payment_method in ('cash', 'bank', 'other')),
  request_id bigint not null unique references ledger_requests(id),
  recorded_by integer references accounts(id),
  recorded_at timestamptz not null default now()
);
create index gift_certificate_purchases_person_idx on gift_certificate_purchases (issue_id, resident_account_id);

-- the resident's QR: short-lived, single-use; only its hash is kept
create table wallet_tokens (
  id bigserial primary key,
  municipality_code text not null,
  resident_account_id integer not null references accounts(id),
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  used_by_request_id bigint references ledger_requests(id)
);
create index wallet_tokens_resident_idx on wallet_tokens (resident_account_id, expires_at);

-- 精算: what the issuer pays the shops for a period, one ledger request
create table points_settlements (
  id serial primary key,
  municipality_code text not null,
  period_from date not null,
  period_until date not null check (period_until >= period_from),
  request_id bigint not null unique references ledger_requests(id),
  created_by integer references accounts(id),
  created_at timestamptz not null default now()
);

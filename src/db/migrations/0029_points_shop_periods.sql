-- 取扱期間 (decision 036): each stretch of time a shop takes part in るのかーど, from the staff's
-- approval to its withdrawal. A shop that leaves and comes back has two, so that the number of
-- participating shops at the end of a past fiscal year stays what it was.
create table points_shop_periods (
  id serial primary key,
  shop_id integer not null references points_shops(id),
  approved_at timestamptz not null,
  approved_by integer references accounts(id),
  withdrawn_at timestamptz,
  withdrawn_by integer references accounts(id),
  -- why it left (閉店, 事業承継, 本人の申出…), as the staff or the shop wrote it
  withdrawal_reason text,
  constraint points_shop_periods_in_order check (withdrawn_at is null or withdrawn_at >= approved_at)
);
-- a shop takes part once at a time
create unique index points_shop_periods_open on points_shop_periods (shop_id) where withdrawn_at is null;
create index points_shop_periods_shop_idx on points_shop_periods (shop_id, approved_at);

insert into points_shop_periods (shop_id, approved_at, approved_by, withdrawn_at)
  select id, approved_at, approved_by,
         case when status = 'withdrawn' then greatest(coalesce(withdrawn_at, approved_at), approved_at) end
  from points_shops
  where approved_at is not null;

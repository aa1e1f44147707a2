-- One statement writes a ledger request, its transfers and the QR code it used (decision 035).
-- The request's idempotency key is claimed by the insert itself: a retry, or a concurrent request
-- with the same key, finds the first and writes nothing (replayed = true). The accounts are locked
-- in id order before any balance moves, so two requests never wait on each other in a cycle;
-- the overdraft check on ledger_accounts refuses the whole statement if a balance would go below
-- zero. A caller that planned its transfers from balances read without a lock learns that way that
-- they changed, and plans again.
create function ledger_post(
  p_municipality text,
  p_key text,
  p_kind text,
  p_fingerprint text,
  p_shop integer,
  p_resident integer,
  p_reverses bigint,
  p_actor integer,
  -- the transfers, in order: [[unit, debit account, credit account, amount], …]
  p_legs jsonb,
  -- the resident's QR code this request is paid with, or null; it must still be unused and unexpired
  p_wallet_token bigint,
  p_now timestamptz
) returns table (request_id bigint, created_at timestamptz, replayed boolean, kind text, fingerprint text)
language plpgsql as $$
declare
  posted ledger_requests%rowtype;
  touched integer[];
begin
  insert into ledger_requests as r
    (municipality_code, idempotency_key, kind, fingerprint, amount, shop_id, resident_account_id,
     reverses_request_id, actor_account_id)
  values
    (p_municipality, p_key, p_kind, p_fingerprint,
     (select coalesce(sum((leg->>3)::bigint), 0) from jsonb_array_elements(p_legs) leg),
     p_shop, p_resident, p_reverses, p_actor)
  on conflict (municipality_code, idempotency_key) do nothing
  returning * into posted;
  if not found then
    select * into posted from ledger_requests r
      where r.municipality_code = p_municipality and r.idempotency_key = p_key;
    return query select posted.id, posted.created_at, true, posted.kind, posted.fingerprint;
    return;
  end if;
  select array_agg(distinct id order by id) into touched
    from jsonb_array_elements(p_legs) leg,
         lateral (values ((leg->>1)::integer), ((leg->>2)::integer)) ids(id);
  perform 1 from ledger_accounts a where a.id = any(touched) order by a.id for update;
  insert into ledger_transfers (request_id, unit_id, debit_account_id, credit_account_id, amount)
    select posted.id, (leg->>0)::integer, (leg->>1)::integer, (leg->>2)::integer, (leg->>3)::bigint
    from jsonb_array_elements(p_legs) with ordinality as legs(leg, n)
    order by n;
  if p_wallet_token is not null then
    update wallet_tokens w set used_at = p_now, used_by_request_id = posted.id
      where w.id = p_wallet_token and w.used_at is null and w.expires_at > p_now;
    if not found then
      raise exception 'wallet_code_used' using errcode = 'P0003';
    end if;
  end if;
  return query select posted.id, posted.created_at, false, posted.kind, posted.fingerprint;
end $$;

-- What a resident holds that can pay at a shop on a day, in the order it is spent: gift
-- certificates that can still be used, the issue expiring first first, then points when the
-- programme lets points pay (it does unless set otherwise); with the shop's account of each unit
-- where it has one. A function so that its plan is kept between payments.
create function ledger_spendable(p_municipality text, p_resident integer, p_shop integer, p_today date)
returns table (unit_id integer, resident_account integer, balance bigint, shop_account integer)
language plpgsql stable as $$
begin
  return query
    select u.unit_id, r.id, r.balance, s.id
    from (
      select g.unit_id, 0 as points_last, g.valid_until, g.id as issue_id
        from gift_certificate_issues g
        where g.municipality_code = p_municipality and g.valid_until >= p_today and g.expired_at is null
      union all
      select l.id, 1, null, 0 from ledger_units l
        where l.municipality_code = p_municipality and l.kind = 'points'
          and coalesce((select p.points_pay from points_programmes p
                        where p.municipality_code = p_municipality), true)
    ) u
    join ledger_accounts r on r.unit_id = u.unit_id and r.holder = 'resident'
      and r.holder_id = p_resident and r.balance > 0
    left join ledger_accounts s on s.unit_id = u.unit_id and s.holder = 'shop' and s.holder_id = p_shop
    order by u.points_last, u.valid_until, u.issue_id;
end $$;

-- Account administration: an account can be disabled (kept for the audit trail, never deleted),
-- and the list shows when each person last logged in.
alter table accounts add column disabled_at timestamptz;
alter table accounts add column last_login_at timestamptz;
create index accounts_municipality_idx on accounts (municipality_code, role);

-- The audit log page reads a municipality's entries newest first, page by page.
create index audit_log_at_idx on audit_log (municipality_code, at desc, id desc);
create index audit_log_actor_idx on audit_log (municipality_code, actor_account_id, at desc);

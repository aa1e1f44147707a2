-- Vendor applications (出店申込), decision 014: a vendor withdraws an application until staff decide
-- on it, and staff close a call for vendors before its deadline (and open it again).
alter table vendor_applications drop constraint vendor_applications_status_check;
alter table vendor_applications
  add constraint vendor_applications_status_check
  check (status in ('applied', 'accepted', 'declined', 'withdrawn'));
alter table vendor_applications add column withdrawn_at timestamptz;
-- at most one application in effect per e-mail address and call: a second one is refused, not doubled
create unique index vendor_applications_one_per_address
  on vendor_applications (call_id, email) where status in ('applied', 'accepted');

alter table vendor_calls add column closed_at timestamptz;
alter table vendor_calls add column updated_at timestamptz not null default now();

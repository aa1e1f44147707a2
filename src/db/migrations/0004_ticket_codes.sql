-- The ticket of a registration: a short code shown as a QR code and scanned at the door. It is not
-- the cancel link's secret, so a ticket that is photographed or shown around cannot cancel anyone.
alter table event_registrations add column ticket_code text;
update event_registrations
  set ticket_code = upper(substr(md5(random()::text || id::text || cancel_token), 1, 12))
  where ticket_code is null;
alter table event_registrations alter column ticket_code set not null;
alter table event_registrations add constraint event_registrations_ticket_code_unique unique (ticket_code);

-- Courses: an event is held in one session (a seminar) or several (創業塾: 5 lectures over a month).
-- A participant is a person registered for the event; attendance is recorded per session, so that
-- a course's lectures can be counted one by one and the plan still counts people, not visits.
-- events.starts_at / ends_at stay as the span of the sessions (first start, last end).

-- 'single': exactly one session; 'course': two or more, each attended on its own
alter table events add column kind text not null default 'single' check (kind in ('single', 'course'));
-- the event this one was copied from (last year's edition), when it was
alter table events add column copied_from integer references events(id);

create table event_sessions (
  id serial primary key,
  event_id integer not null references events(id),
  -- 1, 2, 3 … in the order they are held
  number integer not null check (number >= 1),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  title text not null default '',
  -- one of the four areas of 特定創業支援等事業 (経営・財務・人材育成・販路開拓), for certificates later
  topic text check (topic in ('management', 'finance', 'human-resources', 'sales-channels')),
  constraint event_sessions_number_unique unique (event_id, number),
  constraint event_sessions_ends_after_start check (ends_at > starts_at)
);

-- every existing event becomes a single event with one session of its own date and times
insert into event_sessions (event_id, number, starts_at, ends_at)
  select id, 1, starts_at, ends_at from events;

create table event_attendance (
  id serial primary key,
  registration_id integer not null references event_registrations(id),
  session_id integer not null references event_sessions(id),
  checked_in_at timestamptz not null default now(),
  -- who recorded it at the door
  checked_in_by integer references accounts(id),
  checked_in_by_name text not null,
  -- scanning a ticket twice, or two phones at once, records one attendance
  constraint event_attendance_once unique (registration_id, session_id)
);
create index event_attendance_session_idx on event_attendance (session_id);

insert into event_attendance (registration_id, session_id, checked_in_at, checked_in_by_name)
  select r.id, s.id, r.attended_at, ''
  from event_registrations r
  join event_sessions s on s.event_id = r.event_id and s.number = 1
  where r.attended_at is not null;

alter table event_registrations drop column attended_at;

-- a person added at the door (当日参加): registered and present at once, contact optional
alter table event_registrations add column walk_in boolean not null default false;
alter table event_registrations alter column email drop not null;
alter table event_registrations add constraint event_registrations_contact_unless_walk_in
  check (walk_in or email is not null);

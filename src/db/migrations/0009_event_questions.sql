-- The questions an organiser adds to an event's registration form (e.g. 「業種」「聞きたいこと」),
-- the answers given with each registration, and the short questionnaire (アンケート) after it.
create table event_questions (
  id serial primary key,
  event_id integer not null references events(id),
  position integer not null,
  label text not null,
  kind text not null check (kind in ('text', 'choice')),
  -- the options of a choice question, in order; empty for free text
  choices jsonb not null default '[]',
  required boolean not null default false,
  created_at timestamptz not null default now(),
  constraint event_questions_position_unique unique (event_id, position)
);

create table registration_answers (
  registration_id integer not null references event_registrations(id),
  question_id integer not null references event_questions(id),
  answer text not null,
  primary key (registration_id, question_id)
);

-- one questionnaire answer per registration; answering again replaces it
create table event_feedback (
  registration_id integer primary key references event_registrations(id),
  event_id integer not null references events(id),
  satisfaction integer not null check (satisfaction between 1 and 5),
  comment text not null default '',
  submitted_at timestamptz not null default now()
);
create index event_feedback_event_idx on event_feedback (event_id);

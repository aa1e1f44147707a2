import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

/** A question the organiser adds to an event's registration form: free text or one of a few choices. */
export const eventQuestions = pgTable(
  'event_questions',
  {
    id: serial('id').primaryKey(),
    eventId: integer('event_id').notNull(),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    /** 'text' | 'choice' */
    kind: text('kind').notNull(),
    choices: jsonb('choices').$type<string[]>().notNull().default([]),
    required: boolean('required').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('event_questions_position_unique').on(t.eventId, t.position)],
);

/** A registrant's answer to one question, written with the registration. */
export const registrationAnswers = pgTable(
  'registration_answers',
  {
    registrationId: integer('registration_id').notNull(),
    questionId: integer('question_id').notNull(),
    answer: text('answer').notNull(),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.questionId] })],
);

/** The short questionnaire after an event: how satisfied, and a comment. One per registration. */
export const eventFeedback = pgTable(
  'event_feedback',
  {
    registrationId: integer('registration_id').primaryKey(),
    eventId: integer('event_id').notNull(),
    satisfaction: integer('satisfaction').notNull(),
    comment: text('comment').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_feedback_event_idx').on(t.eventId)],
);

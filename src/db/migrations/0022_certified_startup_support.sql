-- 特定創業支援等事業 (issue 9): a consultation names the areas it covered (経営・財務・人材育成・販路開拓),
-- and the city issues numbered certificates to people supported over a month, in four sessions or
-- more, covering all four areas (decision 027).
alter table consultations add column support_topics text[] not null default '{}';

create table certified_support_certificates (
  id serial primary key,
  municipality_code text not null,
  fiscal_year integer not null,
  serial integer not null,
  case_id integer not null references consultation_cases(id),
  person_name text not null,
  issued_on date not null,
  topics text[] not null,
  sessions integer not null,
  first_on date not null,
  last_on date not null,
  issued_by integer references accounts(id),
  issued_by_name text not null,
  created_at timestamptz not null default now(),
  constraint certified_support_certificates_number unique (municipality_code, fiscal_year, serial),
  constraint certified_support_certificates_one_per_case unique (case_id)
);

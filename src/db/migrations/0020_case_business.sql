-- A start-up case closed as 創業 names the business it became in the directory (issue 5: "business
-- created or linked in the directory"). No foreign key: the consultations module reaches businesses
-- through the businesses module's functions only, which check the id (decision 026).
alter table consultation_cases add column business_id integer;

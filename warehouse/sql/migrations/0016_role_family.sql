-- The role family of every posting (pipeline/normalize/role_family.py), so that counts can be
-- limited to engineering jobs or one kind of them:
--   role_family: backend, frontend, full_stack, mobile, data_ml, devops_sre, qa_test, security,
--                embedded, eng_management, engineering_other or non_engineering;
--   role_family_evidence: what decided it (title:"backend", text:"kubernetes", default).
-- Existing postings get it from `jobpulse rebuild`; the filter marts carry it for the dashboard.
alter table postings add column role_family varchar;
alter table postings add column role_family_evidence varchar;
alter table mart_filter_jobs add column role_family varchar;
alter table mart_filter_skills add column role_family varchar;

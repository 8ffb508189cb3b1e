ALTER TABLE sims.disbursement_schedules DROP COLUMN student_assessment_id;

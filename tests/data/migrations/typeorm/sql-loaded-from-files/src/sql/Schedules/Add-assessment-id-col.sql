-- Clean the table to allow the addition of the column with a NOT NULL constraint.
DELETE FROM sims.disbursement_schedules;

ALTER TABLE sims.disbursement_schedules
  ADD COLUMN IF NOT EXISTS student_assessment_id INT NOT NULL;

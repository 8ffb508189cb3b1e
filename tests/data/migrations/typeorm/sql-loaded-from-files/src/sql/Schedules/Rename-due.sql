ALTER TABLE sims.disbursement_schedules RENAME COLUMN due_date TO disbursement_date;

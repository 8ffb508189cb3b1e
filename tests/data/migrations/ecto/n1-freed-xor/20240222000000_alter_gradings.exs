defmodule Cadet.Repo.Migrations.AlterGradings do
  use Ecto.Migration

  def up do
    execute("ALTER TABLE gradings DROP CONSTRAINT IF EXISTS gradings_student_id_fkey;")

    alter table(:gradings) do
      modify(:student_id, references(:course_registrations), null: true)
      add(:team_id, references(:teams), null: true)
    end

    execute("ALTER TABLE gradings ADD CONSTRAINT xor_constraint CHECK (
      (grader_id IS NULL AND team_id IS NOT NULL) OR
      (grader_id IS NOT NULL AND team_id IS NULL)
    );")
  end

  def down do
    execute("ALTER TABLE gradings DROP CONSTRAINT xor_constraint;")

    alter table(:gradings) do
      modify(:student_id, references(:course_registrations), null: false)
      drop(:team_id)
    end
  end
end

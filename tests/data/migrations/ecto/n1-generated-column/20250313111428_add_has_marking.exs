defmodule App.Repo.Migrations.AddHasMarking do
  use Ecto.Migration

  def change do
    alter table(:assessment_point_entries) do
      add :has_marking, :boolean,
        null: false,
        generated: "ALWAYS AS (score IS NOT NULL OR ordinal_value_id IS NOT NULL) STORED"

      add :note, :text, null: false
    end
  end
end

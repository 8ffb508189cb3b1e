defmodule Sanbase.Repo.Migrations.AddTimestamps do
  use Ecto.Migration

  def change do
    alter table(:posts) do
      timestamps()
    end

    alter table(:votes) do
      timestamps(default: fragment("now()"))
    end

    alter table(:tags) do
      timestamps(null: true)
    end

    alter table(:users) do
      timestamps(inserted_at: :created_at, updated_at: false)
    end
  end
end

defmodule MyApp.Repo.Migrations.Reconcile do
  use Ecto.Migration

  def up do
    alter table(:collections) do
      modify :inserted_at, :utc_datetime_usec, from: :naive_datetime, null: false
      modify :updated_at, :utc_datetime_usec, from: :naive_datetime, null: false
    end

    alter table(:images) do
      modify :inserted_at, :utc_datetime_usec, from: :naive_datetime, null: false
      modify :changed_at, :utc_datetime_usec, from: :naive_datetime, null: false
    end
  end

  def down do
    alter table(:collections) do
      modify :inserted_at, :naive_datetime, from: :utc_datetime_usec
      modify :updated_at, :naive_datetime, from: :utc_datetime_usec
    end

    alter table(:images) do
      modify :inserted_at, :naive_datetime, from: :utc_datetime_usec
      modify :changed_at, :naive_datetime, from: :utc_datetime_usec
    end
  end
end

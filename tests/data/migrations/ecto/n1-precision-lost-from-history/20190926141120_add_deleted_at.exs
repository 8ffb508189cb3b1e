defmodule Palapa.Repo.Migrations.AddDeletedAt do
  use Ecto.Migration

  def change do
    alter(table(:organizations)) do
      add(:deleted_at, :utc_datetime_usec)
      add(:archived_at, :utc_datetime)
    end
  end
end

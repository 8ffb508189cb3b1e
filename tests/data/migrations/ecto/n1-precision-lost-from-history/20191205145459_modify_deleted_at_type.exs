defmodule Palapa.Repo.Migrations.ModifyDeletedAtType do
  use Ecto.Migration

  def change do
    alter(table(:organizations)) do
      modify(:deleted_at, :utc_datetime)
      modify(:archived_at, :utc_datetime_usec)
    end
  end
end

defmodule MyApp.Repo.Migrations.RequireOdometer do
  use Ecto.Migration

  def up do
    alter table(:positions) do
      modify :odometer, :float, null: false
    end
  end

  def down do
    alter table(:positions) do
      modify :odometer, :float, null: true
    end
  end
end

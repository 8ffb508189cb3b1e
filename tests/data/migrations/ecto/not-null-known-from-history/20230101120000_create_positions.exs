defmodule MyApp.Repo.Migrations.CreatePositions do
  use Ecto.Migration

  def change do
    create table(:positions) do
      add :car_id, references(:cars), null: false
      add :drive_id, references(:drives)
      add :odometer, :float
    end
  end
end

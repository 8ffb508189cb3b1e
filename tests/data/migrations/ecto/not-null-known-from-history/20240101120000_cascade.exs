defmodule MyApp.Repo.Migrations.Cascade do
  use Ecto.Migration

  def up do
    alter table(:positions) do
      modify :car_id, references(:cars, on_delete: :delete_all), null: false
      modify :drive_id, references(:drives, on_delete: :delete_all), null: false
      modify :odometer, :float, null: false
    end
  end

  def down do
    alter table(:positions) do
      modify :car_id, references(:cars)
      modify :drive_id, references(:drives)
    end
  end
end

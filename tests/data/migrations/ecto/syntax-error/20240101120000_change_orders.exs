defmodule MyApp.Repo.Migrations.X do
  use Ecto.Migration
  def change do
    alter table(:orders) do
      remove :note,
  end
end

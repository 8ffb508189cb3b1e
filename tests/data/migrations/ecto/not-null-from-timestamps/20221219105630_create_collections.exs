defmodule MyApp.Repo.Migrations.CreateCollections do
  use Ecto.Migration

  def change do
    create table(:collections) do
      add :name, :string
      timestamps()
    end

    create table(:images) do
      add :url, :string
      timestamps(null: true, updated_at: :changed_at)
    end
  end
end

defmodule MyApp.Repo.Migrations.ShortenTitle do
  use Ecto.Migration

  def up do
    alter table(:posts) do
      modify :title, :string, size: 100
      modify :slug, :string, size: 80
    end
  end

  def down do
    alter table(:posts) do
      modify :slug, :string, size: 40
    end
  end
end

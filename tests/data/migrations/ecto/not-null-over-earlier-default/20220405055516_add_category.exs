defmodule MyApp.Repo.Migrations.AddCategory do
  use Ecto.Migration

  def up do
    alter table(:guides) do
      add :category, :text, default: "Guides"
      add :route, :text
      add :level, :integer, default: 1
      add :tone, :string, default: "plain"
    end
  end

  def down do
    alter table(:guides) do
      remove :category
      remove :route
      remove :level
      remove :tone
    end
  end
end

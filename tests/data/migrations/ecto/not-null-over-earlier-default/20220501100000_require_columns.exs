defmodule MyApp.Repo.Migrations.RequireColumns do
  use Ecto.Migration

  def up do
    alter table(:guides) do
      modify :category, :text, null: false
      modify :route, :text, null: false
      modify :level, :integer, null: false
      modify :tone, :text, null: false
    end
  end

  def down do
    alter table(:guides) do
      modify :category, :text, null: true
      modify :route, :text, null: true
      modify :level, :integer, null: true
      modify :tone, :text, null: true
    end
  end
end

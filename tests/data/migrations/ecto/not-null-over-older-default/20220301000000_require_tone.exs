defmodule MyApp.Repo.Migrations.RequireTone do
  use Ecto.Migration

  def up do
    alter table(:guides) do
      modify :tone, :string, null: false
    end
  end

  def down do
    alter table(:guides) do
      modify :tone, :string, null: true
    end
  end
end

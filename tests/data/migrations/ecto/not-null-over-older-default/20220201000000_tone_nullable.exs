defmodule MyApp.Repo.Migrations.ToneNullable do
  use Ecto.Migration

  def up do
    alter table(:guides) do
      modify :tone, :string, null: true
    end
  end

  def down do
    alter table(:guides) do
      modify :tone, :string, null: true
    end
  end
end

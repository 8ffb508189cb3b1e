defmodule MyApp.Repo.Migrations.AddTone do
  use Ecto.Migration

  def change do
    alter table(:guides) do
      add :tone, :string, default: "plain"
    end
  end
end

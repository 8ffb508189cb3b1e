defmodule MyApp.Repo.Migrations.AddNote do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :note, :text
    end
  end
end

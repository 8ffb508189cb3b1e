defmodule MyApp.Repo.Migrations.DropLevelDefault do
  use Ecto.Migration

  def change do
    alter table(:guides) do
      modify :level, :integer, default: nil, from: {:integer, default: 1}
      modify :tone, :text, from: :string
    end
  end
end

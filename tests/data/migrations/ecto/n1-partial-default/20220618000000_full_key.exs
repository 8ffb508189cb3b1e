defmodule App.Repo.Migrations.FullKey do
  use Ecto.Migration

  def change do
    create(unique_index(:auth_access_tokens, [:user_id, :token]))
  end
end

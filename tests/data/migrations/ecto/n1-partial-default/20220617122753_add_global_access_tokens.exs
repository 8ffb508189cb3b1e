defmodule App.Repo.Migrations.AddGlobalAccessTokens do
  use Ecto.Migration

  def change do
    alter table(:auth_access_tokens) do
      add(:global, :boolean, default: false, null: false)
    end

    create(
      unique_index(:auth_access_tokens, [:user_id, :global],
        where: "revoked_at IS NULL AND global = true"
      )
    )
  end
end

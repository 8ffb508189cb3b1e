defmodule Shop.Repo.Migrations.SecretOrKeys do
  use Ecto.Migration

  def change do
    alter table(:tenants) do
      modify :api_secret, :text, null: true
    end

    create constraint(:tenants, :secret_or_keys_required,
             check: "api_secret IS NOT NULL OR api_keys IS NOT NULL"
           )
  end
end

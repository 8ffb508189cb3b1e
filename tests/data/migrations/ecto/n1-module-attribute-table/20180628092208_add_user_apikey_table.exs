defmodule Sanbase.Repo.Migrations.AddUserApikeyTable do
  use Ecto.Migration

  @table_name :user_api_key_tokens
  @other "user_settings"

  def up do
    create table(@table_name) do
      add(:token, :string, null: false)
      add(:user_id, references(:users), null: false)
    end

    create(unique_index(:user_api_key_tokens, [:token]))

    alter table(@other) do
      add(:theme, :string, null: false)
    end
  end

  def down do
    drop(table(@table_name))
  end
end

defmodule ChatApi.Repo.Migrations.OnDeleteThreads do
  use Ecto.Migration

  def up do
    drop(constraint(:threads, "threads_conversation_id_fkey"))

    alter table(:threads) do
      modify(:conversation_id, references(:conversations, type: :uuid, on_delete: :delete_all),
        null: false
      )

      modify(:account_id, :uuid, null: false)
    end
  end

  def down do
    drop(constraint(:threads, "threads_conversation_id_fkey"))

    alter table(:threads) do
      modify(:conversation_id, references(:conversations, type: :uuid), null: false)
      modify(:account_id, :uuid, null: true)
    end
  end
end

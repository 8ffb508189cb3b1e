<?php

use App\Models\Collection;
use App\Models\Wallet;
use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;

return new class extends Migration
{
    public function up(): void
    {
        Schema::table('nft_activity', function (Blueprint $table) {
            $table->foreignIdFor(Collection::class)->constrained()->cascadeOnDelete()->default(1);
            $table->addColumn('numeric', 'token_number', ['numeric_type' => 'numeric'])->nullable();
            $table->unique(['tx_hash', 'collection_id', 'token_number']);
        });
        Schema::table('transfers', function (Blueprint $table) {
            $table->foreignIdFor(\App\Models\Wallet::class)->constrained();
            $table->addColumn('integer', 'log_index');
            $table->foreignIdFor(Wallet::class, 'payer_wallet')->nullable();
        });
    }

    public function down(): void
    {
        Schema::table('transfers', function (Blueprint $table) {
            $table->dropColumn(['wallet_id', 'log_index', 'payer_wallet']);
        });
        Schema::table('nft_activity', function (Blueprint $table) {
            $table->dropUnique(['tx_hash', 'collection_id', 'token_number']);
            $table->dropColumn(['collection_id', 'token_number']);
        });
    }
};
